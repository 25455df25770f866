"""Reports rendered from the published, disclosure-protected marts only (never from the warehouse)."""
