/** Option negotiation: actions, protocol bits, macro lists, and the pure negotiation logic. */
package org.postern.milter.negotiation;
