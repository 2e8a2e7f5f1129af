"""Recognise spoken-answer recordings by their bytes, not by the name or type the browser claims (pure).

MediaRecorder writes WebM (Chromium, Firefox) or MP4 (Safari); Ogg and WAV are accepted too.
A file whose first bytes are none of these is refused, so a renamed document cannot pose as audio.
"""

# (content type, offset, signature); MP4 is recognised by its "ftyp" box.
_SIGNATURES = (
    ("audio/webm", 0, b"\x1a\x45\xdf\xa3"),
    ("audio/ogg", 0, b"OggS"),
    ("audio/mp4", 4, b"ftyp"),
)


def sniff_audio(data):
    """Return the audio content type of ``data`` (bytes), or ``None`` if it is not a recording we accept."""
    if len(data) < 12:
        return None
    for content_type, offset, signature in _SIGNATURES:
        if data[offset:offset + len(signature)] == signature:
            return content_type
    if data[:4] == b"RIFF" and data[8:12] == b"WAVE":
        return "audio/wav"
    return None
