package org.postern.milter.reply;

/** A reply that answers one step: the MTA waits for exactly one verdict per replied step. */
public sealed interface Verdict extends MilterReply
    permits Verdict.Accept,
        Verdict.Continue,
        Verdict.Reject,
        Verdict.Tempfail,
        Verdict.Discard,
        ReplyCode,
        Verdict.Skip,
        Verdict.Shutdown,
        Verdict.ConnectionFailure {

  /** 'a': accept the message (or, at connect/helo, the connection) without further steps. */
  record Accept() implements Verdict {
    /** Code 'a'. */
    public static final char CODE = 'a';

    @Override
    public char code() {
      return CODE;
    }
  }

  /** 'c': go on with the next step. */
  record Continue() implements Verdict {
    /** Code 'c'. */
    public static final char CODE = 'c';

    @Override
    public char code() {
      return CODE;
    }
  }

  /** 'r': reject (the recipient at RCPT, else the message or connection) with 5xx. */
  record Reject() implements Verdict {
    /** Code 'r'. */
    public static final char CODE = 'r';

    @Override
    public char code() {
      return CODE;
    }
  }

  /** 't': temporary failure (4xx). */
  record Tempfail() implements Verdict {
    /** Code 't'. */
    public static final char CODE = 't';

    @Override
    public char code() {
      return CODE;
    }
  }

  /** 'd': accept and silently drop the message. */
  record Discard() implements Verdict {
    /** Code 'd'. */
    public static final char CODE = 'd';

    @Override
    public char code() {
      return CODE;
    }
  }

  /** 's': skip the rest of this step's kind (body chunks); only when the MTA offers SKIP. */
  record Skip() implements Verdict {
    /** Code 's'. */
    public static final char CODE = 's';

    @Override
    public char code() {
      return CODE;
    }
  }

  /** '4': answer 421 and close the SMTP connection. */
  record Shutdown() implements Verdict {
    /** Code '4'. */
    public static final char CODE = '4';

    @Override
    public char code() {
      return CODE;
    }
  }

  /** 'f': make the MTA fail the SMTP connection (Sendmail; Postfix does not know it). */
  record ConnectionFailure() implements Verdict {
    /** Code 'f'. */
    public static final char CODE = 'f';

    @Override
    public char code() {
      return CODE;
    }
  }
}
