"""Client data (asiakastieto): complaints, client feedback, client panels, Kouluterveyskysely."""
