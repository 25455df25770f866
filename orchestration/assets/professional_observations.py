"""Assets of the professional_observations source class: one per file-based source (see sources/professional_observations/)."""

from orchestration.assets.landing import file_source_assets

assets = file_source_assets("professional_observations")
