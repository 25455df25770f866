{#
  Each handling of the decision register linked to the development proposal it handled: the register's
  proposal reference is the form tool's submission id (or <form version>:<id>); the proposal key published in
  development_proposals is that submission's keyed pseudonym. Submission ids restart between form rounds: an
  exact <form version>:<id> match wins, then the latest submission with that id that has a proposal.
    proposal_key         null for a handling of a topic, and for a reference no submission matches
    is_proposal_unmatched  a reference was given but no submission with a proposal has it
#}
with handlings as (
    select * from {{ ref('stg_decision_register__handlings') }}
),

submissions as (
    select submission_key, submission_id, submission_pseudonym, submitted_date
    from {{ ref('int_social_reports__enriched') }}
    where has_proposal
),

matches as (
    select
        h.handling_id,
        s.submission_pseudonym,
        row_number() over (
            partition by h.handling_id
            order by case when s.submission_key = h.proposal_ref then 0 else 1 end,
                     s.submitted_date desc, s.submission_key desc
        ) as match_rank
    from handlings as h
    inner join submissions as s
        on s.submission_key = h.proposal_ref or s.submission_id = h.proposal_ref
)

select
    h.handling_id,
    h.proposal_ref,
    m.submission_pseudonym as proposal_key,
    h.proposal_ref is not null and m.submission_pseudonym is null as is_proposal_unmatched,
    h.topic,
    h.phenomenon,
    h.body_code,
    h.body_name,
    h.meeting_date,
    h.decision,
    h.measure,
    h.responsible_unit,
    h.indicator_codes,
    h.review_date
from handlings as h
left join matches as m on m.handling_id = h.handling_id and m.match_rank = 1
