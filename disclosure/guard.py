"""The publish step's guard: protect the candidate snapshot, then attack it; refuse it when the attack works."""

from __future__ import annotations

from functools import partial
from pathlib import Path

import duckdb

from disclosure.audit import AuditReport, audit_file
from disclosure.intervals import Memo
from disclosure.proposals import anonymise_proposals
from disclosure.snapshot import hidden_share, protect_snapshot


class DisclosureAuditFailed(RuntimeError):
    def __init__(self, report: AuditReport):
        self.report = report
        super().__init__(
            f"disclosure audit failed, the candidate snapshot is not published: "
            f"{report.exactly_recoverable} hidden cells recoverable exactly, {report.too_narrow} narrower than "
            f"the threshold, {report.visible_breaches} visible values a primary rule forbids, "
            f"{report.infeasible_relations} declared relations contradicted; weakest: {report.weakest[:3]}")


def protect_and_audit(candidate: Path, previous: Path | None, threshold: int, memo_path: Path | None = None) -> dict:
    """Protect `candidate` in place and audit it (together with the `previous` release, if any).

    `memo_path`: where the programmes solved for this publish are kept for the next (`intervals.Memo`; beside the
    warehouse, not published). A republish after one new file then solves only what that file changed."""
    previous = previous if previous is not None and previous.exists() else None
    memo = Memo.load(memo_path)
    con = duckdb.connect(str(candidate))
    try:
        if previous:
            con.execute(f"attach '{previous}' as previous (read_only)")
        protection = protect_snapshot(con, threshold, previous="previous" if previous else None, memo=memo)
        if previous:
            con.execute("detach previous")
        proposals = anonymise_proposals(con, threshold)
        share = hidden_share(con)
        con.execute("checkpoint")
    finally:
        con.close()
    report = audit_file(candidate, threshold, previous, memo, protection.previous_cells)
    memo.save(memo_path)
    if not report.passed:
        raise DisclosureAuditFailed(report)
    return {
        "protection_seconds": round(protection.seconds, 2),
        "primary_cells": protection.primary,
        "hidden_cells": protection.hidden,
        "history": protection.history,
        "programmes": {"solved": memo.solved, "reused": memo.hits},
        "hidden_share_of_rows": share,
        "development_proposals": proposals,
        "audit": report.as_dict(),
    }


def guard(threshold: int, memo_path: Path | None = None):
    """The callable `sources.publish.publish_snapshot` runs on the candidate before renaming it into place."""
    return partial(protect_and_audit, threshold=threshold, memo_path=memo_path)
