package org.postern.milter.builtin;

import org.postern.common.config.InvalidSettingException;

/**
 * One filter of the chain in config: {@code {type: add-header, name: X-Postern-Checked, value:
 * yes}} or {@code {type: log}}.
 *
 * @param type which built-in filter
 * @param name the header name, for {@code add-header}
 * @param value the header value, for {@code add-header}
 */
public record HandlerSettings(HandlerType type, String name, String value) {

  /** Checks that each type gets exactly the keys it uses. */
  public HandlerSettings {
    if (type == null) {
      throw new InvalidSettingException("type", "a handler needs a type (add-header or log)");
    }
    switch (type) {
      case ADD_HEADER:
        if (name == null || !name.matches("[!-9;-~]+")) {
          throw new InvalidSettingException(
              "name", "add-header needs a header name of printable characters without ':'");
        }
        if (value == null || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
          throw new InvalidSettingException("value", "add-header needs a one-line value");
        }
        break;
      case LOG:
      default:
        if (name != null || value != null) {
          throw new InvalidSettingException(
              name != null ? "name" : "value", "the log handler takes no name or value");
        }
        break;
    }
  }

  /** An {@code add-header} filter adding {@code name: value}. */
  public static HandlerSettings addHeader(String name, String value) {
    return new HandlerSettings(HandlerType.ADD_HEADER, name, value);
  }

  /** A {@code log} filter. */
  public static HandlerSettings log() {
    return new HandlerSettings(HandlerType.LOG, null, null);
  }
}
