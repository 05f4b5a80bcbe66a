/** Listen and connect addresses in Postfix notation. */
package org.postern.common.address;
