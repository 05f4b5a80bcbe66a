/**
 * The milter load driver: many {@link org.postern.milter.client.MilterClient} connections, each
 * sending whole SMTP transactions back to back the way Postfix does, reused with QUIT_NC.
 */
package org.postern.bench.milter;
