// The OTData module; its content arrives with its issue.
