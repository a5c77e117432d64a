"""kb — a knowledge base of international trade and customs cooperation, built from news articles."""

__version__ = "0.1.0"
