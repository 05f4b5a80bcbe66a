package org.postern.milter.builtin;

import org.postern.common.config.InvalidSettingException;
import org.postern.milter.filter.HandlerSettings;

/**
 * {@code {type: add-header, name: X-Postern-Checked, value: "yes"}}: append one fixed header.
 *
 * @param name the header name: printable characters without ':'
 * @param value the header value, one line
 */
public record AddHeaderSettings(String name, String value) implements HandlerSettings {

  /** Checks the name and value. */
  public AddHeaderSettings {
    if (name == null || !name.matches("[!-9;-~]+")) {
      throw new InvalidSettingException(
          "name", "add-header needs a header name of printable characters without ':'");
    }
    if (value == null || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
      throw new InvalidSettingException("value", "add-header needs a one-line value");
    }
  }
}
