package org.postern.milter.builtin;

/** The built-in filters, named in config as {@code add-header} and {@code log}. */
public enum HandlerType {
  /** Adds one header to every message: {@link AddHeaderHandler}. */
  ADD_HEADER,
  /** Logs one line per message: {@link LogHandler}. */
  LOG
}
