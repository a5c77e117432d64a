"""Agreements stage (placeholder until written)."""

from __future__ import annotations

from kb.extract.context import ArticleContext
from kb.facts import Agreement


def extract_agreements(ctx: ArticleContext) -> list[Agreement]:
    return []
