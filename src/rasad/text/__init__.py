"""Text layer: offset-preserving normalisation, match keys, language id, sentences, cleaning."""
