"""Assets of the client_data source class: one per file-based source (see sources/client_data/)."""

from orchestration.assets.landing import file_source_assets

assets = file_source_assets("client_data")
