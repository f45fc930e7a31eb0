"""Signal Desk's question side: plan a question, retrieve records, compose a cited answer."""

from .desk import Assistant
from .models import Answer, AnswerRecord, Citation, QueryPlan, Table

__all__ = ["Answer", "AnswerRecord", "Assistant", "Citation", "QueryPlan", "Table"]
