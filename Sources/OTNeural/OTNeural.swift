// The OTNeural module; its content arrives with its issue.
