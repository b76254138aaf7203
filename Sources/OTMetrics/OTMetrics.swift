// The OTMetrics module; its content arrives with its issue.
