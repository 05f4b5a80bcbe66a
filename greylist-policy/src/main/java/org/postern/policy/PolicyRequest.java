package org.postern.policy;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One {@code smtpd_access_policy} request from Postfix: the attributes a policy usually needs as
 * typed accessors, and every attribute received (including ones this class does not know) in {@link
 * #attributes()}, in arrival order. Missing attributes read as empty strings, as Postfix sends
 * empty values for what it does not know.
 *
 * @param attributes every attribute of the request, in arrival order, unmodifiable
 */
public record PolicyRequest(Map<String, String> attributes) {

  /** The only request type Postfix defines. */
  public static final String SMTPD_ACCESS_POLICY = "smtpd_access_policy";

  /**
   * Checks the request type and copies the attributes.
   *
   * @throws MalformedPolicyRequestException when {@code request=smtpd_access_policy} is missing
   */
  public PolicyRequest {
    Objects.requireNonNull(attributes, "attributes");
    String type = attributes.get("request");
    if (type == null) {
      throw new MalformedPolicyRequestException("no request= attribute");
    }
    if (!SMTPD_ACCESS_POLICY.equals(type)) {
      throw new MalformedPolicyRequestException(
          "request=" + type + " is not " + SMTPD_ACCESS_POLICY);
    }
    attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
  }

  /** The attribute {@code name}, or the empty string when absent. */
  public String attribute(String name) {
    return attributes.getOrDefault(name, "");
  }

  /** The SMTP stage: {@code CONNECT}, {@code EHLO}, {@code HELO}, {@code MAIL}, {@code RCPT}... */
  public String protocolState() {
    return attribute("protocol_state");
  }

  /** {@code SMTP}, {@code ESMTP} or {@code LMTP}. */
  public String protocolName() {
    return attribute("protocol_name");
  }

  /** The SMTP client's IP address without brackets. */
  public String clientAddress() {
    return attribute("client_address");
  }

  /** The verified client hostname, or {@code unknown}. */
  public String clientName() {
    return attribute("client_name");
  }

  /** The unverified reverse DNS name of the client, or {@code unknown}. */
  public String reverseClientName() {
    return attribute("reverse_client_name");
  }

  /** The HELO or EHLO argument. */
  public String heloName() {
    return attribute("helo_name");
  }

  /** The envelope sender; empty for the null sender. */
  public String sender() {
    return attribute("sender");
  }

  /** The envelope recipient of this request. */
  public String recipient() {
    return attribute("recipient");
  }

  /** How many recipients were accepted so far; empty before DATA. */
  public String recipientCount() {
    return attribute("recipient_count");
  }

  /** The Postfix queue id, when one is assigned. */
  public String queueId() {
    return attribute("queue_id");
  }

  /** Identifies one message transaction across its per-recipient requests. */
  public String instance() {
    return attribute("instance");
  }

  /** The SASL login name, empty when unauthenticated. */
  public String saslUsername() {
    return attribute("sasl_username");
  }

  /** The SASL mechanism, empty when unauthenticated. */
  public String saslMethod() {
    return attribute("sasl_method");
  }

  /** The SIZE= announced in MAIL FROM, or 0. */
  public String size() {
    return attribute("size");
  }

  /** The client certificate's subject, when a verified certificate was presented. */
  public String clientCertificateSubject() {
    return attribute("ccert_subject");
  }

  /** The client certificate's issuer. */
  public String clientCertificateIssuer() {
    return attribute("ccert_issuer");
  }

  /** The client certificate's fingerprint. */
  public String clientCertificateFingerprint() {
    return attribute("ccert_fingerprint");
  }

  /** The client certificate's public key fingerprint. */
  public String clientCertificatePublicKeyFingerprint() {
    return attribute("ccert_pubkey_fingerprint");
  }

  /** The request in wire form: {@code name=value} lines and the terminating empty line. */
  public byte[] encode() {
    StringBuilder text = new StringBuilder();
    attributes.forEach((name, value) -> text.append(name).append('=').append(value).append('\n'));
    text.append('\n');
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }
}
