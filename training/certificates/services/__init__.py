"""Certificate services: settings, issuing and approval, lifecycle, printing, bulk jobs."""
