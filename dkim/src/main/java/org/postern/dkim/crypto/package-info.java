/** Which JCA provider DKIM's RSA signatures run on. */
package org.postern.dkim.crypto;
