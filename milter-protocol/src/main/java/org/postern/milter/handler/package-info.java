/**
 * The API a filter implements: {@link org.postern.milter.handler.MilterHandler} with a method per
 * SMTP stage, {@link org.postern.milter.handler.MessageModifier} for changes at end of message and
 * {@link org.postern.milter.handler.MilterChain} to run several filters in one session. Built on
 * the same command and reply types the client uses.
 */
package org.postern.milter.handler;
