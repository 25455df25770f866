{#
  Client panels (asiakasraati: client council) and citizens' forums (kansalaisfoorumi) by half-year × panel type
  ('all' = both) × phenomenon ('all' = every meeting; a phenomenon = the meetings whose theme or proposals touch
  it, by the keyword rule of social reports: a meeting can touch several phenomena or none, so phenomenon rows do
  not add up to 'all').
    meetings        meetings held
    participants    participants summed over those meetings (attendances: the records hold counts, not
                    persons; one person at two meetings counts twice)
    theme_mentions  meetings whose THEME names the phenomenon ('all': names any of the four), not only a proposal
  True values: participants are protected by the publish layer (disclosure/marts.py); meetings and
  theme_mentions count meetings, not people.
#}
{{ client_panels_mart('half_year') }}
