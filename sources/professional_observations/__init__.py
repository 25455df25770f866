"""Professional observations (ammattilaisten havainnot ja asiantuntijatieto)."""
