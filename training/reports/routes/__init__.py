"""Report blueprints: the dashboard and exports, frozen snapshots, API tokens and the JSON API."""
