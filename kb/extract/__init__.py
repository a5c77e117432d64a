"""The rule-based extractor: one article (`Document`) → its kb-facts/1 records.

Stages run in order over one shared `ArticleContext`: sentences, countries,
agencies, officials, agreements, trade flows. Each record keeps the sentence
that supports it as evidence.
"""

from __future__ import annotations

from kb.extract.agencies import extract_agencies
from kb.extract.agreements import extract_agreements, prune_governments_in_names
from kb.extract.context import ArticleContext
from kb.extract.countries import find_countries, with_home_styles, with_shared_adjectives
from kb.extract.flows import extract_trade_flows
from kb.extract.officials import (
    extract_officials,
    ministries_of_titles,
    ministry_of_the_minister,
    prune_title_only_agencies,
)
from kb.extract.sentences import split_sentences
from kb.facts import ArticleInfo, Extractor, Facts
from kb.readers.document import Document

EXTRACTOR_NAME = "kb-rules"
EXTRACTOR_VERSION = "0.32.0"


def extract(document: Document) -> Facts:
    ctx = ArticleContext(document)
    ctx.sentences = split_sentences(document.text)
    ctx.countries = find_countries(document.text, document.published)
    ctx.countries = with_shared_adjectives(with_home_styles(ctx))
    ctx.agencies = extract_agencies(ctx)
    ctx.officials = extract_officials(ctx)
    ctx.agencies = prune_title_only_agencies(ctx)
    ctx.agencies = ministry_of_the_minister(ctx)
    ctx.officials = ministries_of_titles(ctx)
    ctx.agreements = extract_agreements(ctx)
    ctx.agencies = prune_governments_in_names(ctx)
    ctx.trade_flows = extract_trade_flows(ctx)
    return Facts(
        article=ArticleInfo(file=document.path.name, title=document.title, publisher=document.publisher,
                            author=document.author, published=document.published, url=document.url,
                            language=document.language),
        extractor=Extractor(name=EXTRACTOR_NAME, version=EXTRACTOR_VERSION),
        agencies=ctx.agencies,
        officials=ctx.officials,
        agreements=ctx.agreements,
        trade_flows=ctx.trade_flows,
    )
