"""The desk's look and its one script: CSS for reading (the answer uses the page's width, tables
size their columns to the words, numbers stay narrow) and the conversation's click handling."""

from __future__ import annotations

CSS = """
.gradio-container { max-width: 100% !important; }
#sd-header { margin: 0 0 2px; }
#sd-header .sd-head { display: flex; align-items: baseline; gap: 14px; flex-wrap: wrap; }
#sd-header .sd-title { font-size: 1.3em; font-weight: 700; }
#sd-header .sd-summary, .sd-welcome .sd-summary { color: var(--body-text-color-subdued); }
#sd-conv { height: calc(100vh - 250px); min-height: 330px; overflow-y: auto !important; border: 1px solid var(--border-color-primary);
  border-radius: 8px; padding: 4px 16px; background: var(--background-fill-primary); }
.sd-turn { padding: 8px 0 16px; border-bottom: 1px solid var(--border-color-primary); }
.sd-turn:last-child { border-bottom: none; }
.sd-q { font-weight: 600; margin: 6px 0 8px; padding: 6px 10px; background: var(--background-fill-secondary); border-radius: 6px; }
.sd-badge { font-weight: 400; font-size: .82em; margin-left: 8px; padding: 1px 8px; border-radius: 999px;
  border: 1px solid var(--border-color-primary); color: var(--body-text-color-subdued); }
.sd-chips { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; margin: 4px 0 10px; font-size: .86em; }
.sd-chips-label { color: var(--body-text-color-subdued); margin-right: 2px; }
.sd-chip { display: inline-flex; align-items: center; gap: 4px; border: 1px solid var(--border-color-primary); border-radius: 999px;
  padding: 1px 8px; background: var(--background-fill-secondary); white-space: nowrap; }
.sd-chip-add { border-style: dashed; background: transparent; }
.sd-chip-group { color: var(--body-text-color-subdued); }
.sd-chip-value { font-weight: 600; }
.sd-chip select, .sd-chip input { border: none; background: transparent; font: inherit; font-weight: 600; padding: 0 2px;
  color: var(--body-text-color); max-width: 28em; }
.sd-chip input::placeholder { font-weight: 400; }
.sd-x { border: none; background: none; cursor: pointer; font-size: 1.15em; line-height: 1; padding: 0 2px; color: var(--body-text-color-subdued); }
.sd-x:hover { color: var(--error-text-color, #b91c1c); }
.sd-answer { line-height: 1.5; }
.sd-answer p { margin: 0 0 .6em; }
.sd-answer h3 { font-size: 1.02em; margin: 14px 0 6px; }
.sd-answer ul { margin: 0 0 .6em 1.2em; }
.sd-tablewrap { overflow-x: auto; max-width: 100%; margin: 4px 0 10px; }
.sd-answer table, .sd-card table { border-collapse: collapse; width: 100%; font-size: .9em; table-layout: auto; }
.sd-answer th, .sd-answer td, .sd-card th, .sd-card td { border: 1px solid var(--border-color-primary); padding: 4px 8px;
  vertical-align: top; text-align: left; word-break: normal; overflow-wrap: normal; hyphens: manual; }
.sd-answer th, .sd-card th { background: var(--background-fill-secondary); white-space: nowrap; }
.sd-answer .sd-num, .sd-card .sd-num { white-space: nowrap; width: 1%; text-align: right !important; }
.sd-answer td.sd-col-name, .sd-card td.sd-col-name { min-width: 9em; font-weight: 600; }
.sd-answer td.sd-col-description, .sd-card td.sd-col-description { min-width: 14em; }
.sd-long { overflow-wrap: anywhere; word-break: break-all; }
a.sd-cite { font-weight: 600; text-decoration: none; color: var(--link-text-color, var(--color-accent)); padding: 0 1px; }
a.sd-cite:hover { text-decoration: underline; }
.sd-sources { margin-top: 10px; font-size: .9em; }
.sd-sources-title { font-weight: 700; margin-bottom: 2px; }
.sd-sources ul { margin: 0 0 0 1.2em; }
.sd-linkish { background: none; border: none; padding: 0; cursor: pointer; text-align: left; font: inherit;
  color: var(--link-text-color, var(--color-accent)); text-decoration: underline dotted; }
.sd-tools { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 10px; align-items: center; }
.sd-tools button { border: 1px solid var(--border-color-primary); border-radius: 6px; padding: 2px 10px; cursor: pointer;
  background: var(--background-fill-secondary); font-size: .86em; color: var(--body-text-color); }
.sd-tools button.sd-primary { background: var(--button-primary-background-fill); color: var(--button-primary-text-color); border-color: transparent; }
.sd-tools-sep { color: var(--body-text-color-subdued); font-size: .86em; margin-left: 8px; }
.sd-warning { margin: 6px 0; padding: 4px 10px; border-left: 3px solid #d97706; background: var(--background-fill-secondary); font-size: .9em; }
.sd-error { margin: 6px 0; padding: 6px 10px; border-left: 3px solid #dc2626; background: var(--background-fill-secondary); }
.sd-busy { color: var(--body-text-color-subdued); font-style: italic; margin: 4px 0; }
.sd-welcome { padding: 10px 4px; }
.sd-welcome h2 { font-size: 1.2em; margin: 4px 0; }
.sd-welcome h3 { font-size: 1em; margin: 14px 0 6px; }
.sd-examples { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; margin: 8px 0; }
.sd-examples-label { color: var(--body-text-color-subdued); margin-right: 4px; }
.sd-example { border: 1px solid var(--border-color-primary); border-radius: 999px; padding: 3px 12px; cursor: pointer;
  background: var(--background-fill-secondary); font: inherit; font-size: .9em; color: var(--body-text-color); }
.sd-example:hover { border-color: var(--color-accent); }
.sd-intents { display: grid; grid-template-columns: repeat(auto-fill, minmax(240px, 1fr)); gap: 8px; }
.sd-intent { border: 1px solid var(--border-color-primary); border-radius: 8px; padding: 8px 10px; font-size: .9em; }
.sd-intent-name { font-weight: 700; text-transform: capitalize; }
.sd-cite-sample { font-weight: 600; color: var(--link-text-color, var(--color-accent)); }
.sd-muted { color: var(--body-text-color-subdued); }
.sd-card { font-size: .92em; }
.sd-card-title { font-size: 1.15em; margin: 0 0 4px; }
.sd-card h3 { font-size: 1em; margin: 12px 0 4px; }
.sd-card tr.sd-cited td { background: var(--color-accent-soft, #fff7d6); }
.sd-detail { font-size: .85em; color: var(--body-text-color-subdued); margin-top: 2px; }
.sd-tag { display: inline-block; border: 1px solid var(--border-color-primary); border-radius: 4px; padding: 0 6px; margin: 2px; font-size: .85em; }
.sd-notebook li { margin: 4px 0; }
#sd-input-row { align-items: end; }
#sd-browse-row { align-items: flex-end; }
.sd-df [role=gridcell], .sd-df [role=columnheader], .sd-df [role=gridcell] *, .sd-df [role=columnheader] * {
  font-family: var(--font) !important; word-break: normal !important; overflow-wrap: break-word !important; hyphens: manual !important; }
.sd-report { margin-top: 12px; border-top: 1px solid var(--border-color-primary); padding-top: 8px; }
.sd-report summary { cursor: pointer; font-weight: 600; }
"""

# Rules for elements outside the app's container (Gradio scopes `CSS` to it), given to the page's
# <head>: below 1200 px the card drawer lies over the conversation instead of squeezing it (and
# its input row) into what is left of the width.
HEAD = """<style>
@media (max-width: 1199px) { .sidebar-parent:has(.sidebar.open.right) { padding-right: 0 !important; } }
</style>"""

# The conversation's script (gr.HTML js_on_load): every button, chip and [n] link carries a
# data-act; one delegated listener turns a click or a change into trigger('act', {...}), which
# the app answers. Copy is handled here (the answer's Markdown sits in a hidden textarea). When a
# turn appears or finishes, the conversation scrolls to its top: a long answer opens at its start.
CONVERSATION_JS = """
const scroller = () => {
  for (let el = element; el; el = el.parentElement) {
    const style = getComputedStyle(el);
    if (/(auto|scroll)/.test(style.overflowY) && el.scrollHeight > el.clientHeight) return el;
  }
  return null;
};
const payload = (el, value) => {
  const turn = el.closest('[data-turn]');
  return {op: el.dataset.act, turn: turn ? Number(turn.dataset.turn) : -1, key: el.dataset.key || '',
          value: value !== undefined ? value : (el.dataset.value || ''), n: Number(el.dataset.n || 0)};
};
element.addEventListener('click', (event) => {
  const el = event.target.closest('[data-act]');
  if (!el || !element.contains(el) || el.tagName === 'SELECT' || el.tagName === 'INPUT') return;
  event.preventDefault();
  if (el.dataset.act === 'copy') {
    const source = el.closest('[data-turn]').querySelector('textarea.sd-md');
    const done = () => { el.textContent = 'Copied'; setTimeout(() => { el.textContent = 'Copy'; }, 1500); };
    const fallback = () => { source.hidden = false; source.select(); document.execCommand('copy'); source.hidden = true; done(); };
    if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(source.value).then(done, fallback); else fallback();
    return;
  }
  trigger('act', payload(el));
});
element.addEventListener('change', (event) => {
  const el = event.target.closest('[data-act]');
  if (!el || !element.contains(el)) return;
  trigger('act', payload(el, el.value));
});
let shown = '';
watch('value', () => {
  const turns = element.querySelectorAll('.sd-turn');
  const last = turns[turns.length - 1];
  if (!last || last.dataset.key === shown) return;
  shown = last.dataset.key;
  const box = scroller();
  if (box) box.scrollTop += last.getBoundingClientRect().top - box.getBoundingClientRect().top - 4;
});
"""
