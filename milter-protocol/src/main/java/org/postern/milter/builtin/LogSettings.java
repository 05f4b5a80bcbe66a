package org.postern.milter.builtin;

import org.postern.milter.filter.HandlerSettings;

/** {@code {type: log}}: one log line per message; it has no keys. */
public record LogSettings() implements HandlerSettings {}
