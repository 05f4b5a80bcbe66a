package org.postern.dkim.milter;

import org.postern.dkim.message.HeaderField;
import org.postern.milter.command.MilterCommand;

/**
 * Converts header text between the milter protocol, where folded lines are joined by a bare LF, and
 * DKIM, which hashes the CRLFs of the message as delivered.
 */
final class MilterHeaderText {
  private MilterHeaderText() {}

  /** The field as it stands in the message: LFs of folded lines become CRLFs. */
  static HeaderField toField(MilterCommand.Header header) {
    return new HeaderField(header.name(), crlf(header.value()));
  }

  /** A value to send to the MTA: CRLF folds become the LF folds MTAs expect. */
  static String toMilter(String value) {
    return value.replace("\r\n", "\n");
  }

  private static String crlf(String value) {
    if (value.indexOf('\n') < 0) {
      return value;
    }
    return value.replace("\r\n", "\n").replace("\n", "\r\n");
  }
}
