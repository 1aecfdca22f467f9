"""The pages served beside the API (rasad.api.create_app mounts them): templates/ and static/ hold our
own HTML, CSS and JavaScript; nothing is loaded from another site."""
