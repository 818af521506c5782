"""Validation results in notebook outputs, as ``application/vnd.featurelab.validation+json``."""

from __future__ import annotations

import html
from typing import Any

VALIDATION_MIME_TYPE = "application/vnd.featurelab.validation+json"


class ValidationResult:
    """A suite result (the JSON ``featurelab validate --json`` prints). In JupyterLab with
    Featurelab it renders with the validation viewer; elsewhere as a plain HTML table."""

    def __init__(self, result: dict[str, Any]) -> None:
        if not isinstance(result, dict) or not isinstance(result.get("checks"), list):
            raise TypeError("a validation result is a dict with a 'checks' list")
        self.result = result

    @property
    def passed(self) -> bool:
        return self.result.get("status") != "fail"

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        return {
            VALIDATION_MIME_TYPE: self.result,
            "text/html": self._html(),
            "text/plain": self._text(),
        }

    def _text(self) -> str:
        lines = [f"suite {self.result.get('suite')}: {self.result.get('status')}"]
        for check in self.result["checks"]:
            lines.append(f"  {check.get('status'):4} {check.get('id')}: {check.get('message')}")
        return "\n".join(lines)

    def _html(self) -> str:
        esc = lambda value: html.escape(str(value), quote=True)  # noqa: E731
        rows = "".join(
            f"<tr><td>{esc(c.get('status'))}</td><td>{esc(c.get('id'))}</td><td>{esc(c.get('metric'))}</td>"
            f"<td>{esc(c.get('value'))}</td><td>{esc(c.get('threshold'))}</td><td>{esc(c.get('severity'))}</td></tr>"
            for c in self.result["checks"]
        )
        return (
            f"<p>Suite <b>{esc(self.result.get('suite'))}</b>: {esc(self.result.get('status'))}</p>"
            "<table><thead><tr><th>status</th><th>check</th><th>metric</th><th>value</th>"
            f"<th>threshold</th><th>severity</th></tr></thead><tbody>{rows}</tbody></table>"
        )
