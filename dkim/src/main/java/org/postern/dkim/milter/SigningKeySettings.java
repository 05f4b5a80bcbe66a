package org.postern.dkim.milter;

import java.nio.file.Path;
import org.postern.common.config.InvalidSettingException;

/**
 * One key of a signing domain: {@code {selector: s2024, key-file: /etc/postern/dkim/s2024.key,
 * active: true}}. Inactive keys stay configured (published, about to rotate) but do not sign.
 *
 * @param selector the selector ({@code s=})
 * @param keyFile the private key: PEM PKCS#1 or PKCS#8, RSA or Ed25519, mode 0600 or stricter
 * @param active whether the domain signs with it now (default true)
 */
public record SigningKeySettings(String selector, Path keyFile, Boolean active) {

  /** Checks the selector and key file; a missing {@code active} means true. */
  public SigningKeySettings {
    if (selector == null || !isSelector(selector)) {
      throw new InvalidSettingException("selector", "a selector is a DNS label, like s2024");
    }
    if (keyFile == null) {
      throw new InvalidSettingException("key-file", "the private key file is needed");
    }
    active = active == null || active;
  }

  /** Whether {@code text} is a selector: DNS labels separated by dots. */
  static boolean isSelector(String text) {
    return text.matches(
        "[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*");
  }
}
