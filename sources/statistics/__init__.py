"""Statistics, registers and indicators (tilasto-, rekisteri- ja indikaattoritieto)."""
