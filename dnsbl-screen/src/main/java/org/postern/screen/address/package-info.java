/** SMTP client IP addresses: parsing literals without DNS, and DNSBL query names. */
package org.postern.screen.address;
