// The OTGenerative module; its content arrives with its issue.
