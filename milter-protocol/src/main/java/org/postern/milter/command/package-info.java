/** Immutable messages the MTA sends to a milter. */
package org.postern.milter.command;
