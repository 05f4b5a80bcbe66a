package org.postern.dkim.milter;

import java.util.Locale;
import org.postern.common.config.InvalidSettingException;
import org.postern.dkim.signingtable.InvalidSenderPatternException;
import org.postern.dkim.signingtable.SenderPattern;

/**
 * One line of the {@code signing-table}: {@code {sender: "*@example.net", domain: example.org,
 * selector: s2025, identity: true}}. The keys themselves stay under {@code keys:}.
 *
 * @param sender {@code alice@example.org}, {@code *@example.org}, {@code *@*.example.org} or {@code
 *     *}
 * @param domain the signing domain {@code d=}, which must have keys under {@code keys:}
 * @param selector sign with this key of the domain only (active or not); absent: the domain's
 *     active keys
 * @param identity whether to add {@code i=} with the sender's address (only when every matched
 *     address lies within {@code domain}); default false
 */
public record SigningTableEntrySettings(
    String sender, String domain, String selector, Boolean identity) {

  /** Parses the pattern and checks that it may carry an identity. */
  public SigningTableEntrySettings {
    SenderPattern pattern;
    try {
      pattern = SenderPattern.parse(sender);
    } catch (InvalidSenderPatternException e) {
      throw new InvalidSettingException("sender", e.getMessage());
    }
    sender = pattern.toString();
    if (domain == null || !DkimSignSettings.isDomainName(domain)) {
      throw new InvalidSettingException("domain", "the signing domain, like example.org");
    }
    domain = domain.toLowerCase(Locale.ROOT);
    if (selector != null && !SigningKeySettings.isSelector(selector)) {
      throw new InvalidSettingException("selector", "a selector is a DNS label, like s2024");
    }
    identity = identity != null && identity;
    if (identity && !pattern.within(domain)) {
      throw new InvalidSettingException(
          "identity",
          "i= must lie within d="
              + domain
              + ", but sender pattern "
              + sender
              + " matches addresses outside it");
    }
  }

  /** The parsed sender pattern. */
  public SenderPattern senderPattern() {
    try {
      return SenderPattern.parse(sender);
    } catch (InvalidSenderPatternException e) {
      throw new IllegalStateException("checked in the constructor", e);
    }
  }
}
