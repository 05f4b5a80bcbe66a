/**
 * The milter server: a Netty pipeline that drives {@link org.postern.milter.session.MilterSession}
 * with a {@link org.postern.milter.handler.MilterHandler}, on the common daemon bootstrap.
 */
package org.postern.milter.server;
