/** The pass cache: clients that passed the tests skip them until the pass expires. */
package org.postern.screen.pass;
