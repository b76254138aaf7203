// The OTRender module; its content arrives with its issue.
