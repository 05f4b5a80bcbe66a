package org.postern.dkim.keys;

/** A private key file that group or others may read: refused so the key stays secret. */
public class InsecureKeyFileException extends Exception {
  private static final long serialVersionUID = 1L;

  /** With a message naming the file and its permissions. */
  public InsecureKeyFileException(String message) {
    super(message);
  }
}
