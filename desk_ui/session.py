"""One reader's session: the conversation as turns (each a request and its answer), the records
hidden as irrelevant, and the notebook. Plain data kept in Gradio's per-session state."""

from __future__ import annotations

from pydantic import BaseModel, Field

from assistant import Answer
from assistant.notebook import NoteItem

from .chips import Request


class Turn(BaseModel):
    """A question and its answer (None while it is being written, or after an error)."""

    id: int
    shown: str = Field(description="The question as the conversation shows it.")
    request: Request
    answer: Answer | None = None
    partial: str = Field("", description="The answer's Markdown so far, while it streams.")
    error: str | None = None
    changed: str | None = Field(None, description="What the reader changed to ask it again (a chip, a page), shown beside it.")
    html: str | None = Field(None, description="The finished turn rendered once (it never changes).")

    @property
    def done(self) -> bool:
        return self.answer is not None or self.error is not None


class Session(BaseModel):
    """Everything one browser tab keeps."""

    turns: list[Turn] = Field(default_factory=list)
    hidden: list[str] = Field(default_factory=list, description="Record ids hidden as irrelevant.")
    notebook: list[NoteItem] = Field(default_factory=list)
    focus: int = Field(-1, description="The turn whose evidence the Evidence tab shows (-1: the last answered).")
    evidence: list[str] = Field(default_factory=list, description="Record ids of the Evidence tab's rows, in order.")
    next_id: int = 0

    def add(self, shown: str, request: Request, changed: str | None = None) -> Turn:
        turn = Turn(id=self.next_id, shown=shown, request=request, changed=changed)
        self.next_id += 1
        self.turns.append(turn)
        self.focus = -1
        return turn

    def turn(self, turn_id: int) -> Turn:
        """The turn with this id; `LookupError` when the conversation has none (a new chat cleared it)."""
        for turn in self.turns:
            if turn.id == turn_id:
                return turn
        raise LookupError(f"no turn {turn_id} in this conversation (a new chat started since)")

    def focused(self) -> Turn | None:
        """The turn the Evidence tab shows: the chosen one, else the last answered."""
        answered = [t for t in self.turns if t.answer is not None]
        chosen = [t for t in answered if t.id == self.focus]
        return chosen[0] if chosen else (answered[-1] if answered else None)

    def history(self) -> list[dict]:
        """The conversation in the chat-message form the desk reads for follow-ups: what was asked
        (a rerun: its standalone question; a page: "page N" after it) and the answers' Markdown."""
        messages: list[dict] = []
        for turn in self.turns:
            if turn.answer is None:
                continue
            messages.append({"role": "user", "content": turn.request.question})
            if turn.request.page > 1:  # a page asked for by a button: said as a reader would type it
                messages.append({"role": "user", "content": f"page {turn.request.page}"})
            messages.append({"role": "assistant", "content": turn.answer.markdown})
        return messages
