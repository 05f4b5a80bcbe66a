#!/usr/bin/perl
# Verify MESSAGE with Mail::DKIM, keys from DNS_FILE ("name value" lines) instead of DNS.
# Exit 0 when the overall result is pass.
use strict;
use warnings;
use Mail::DKIM::Verifier;
use Mail::DKIM::DNS;
use Net::DNS;

my ($dns_file, $message_file) = @ARGV;
my %records;
open my $d, '<', $dns_file or die "$dns_file: $!";
while (my $line = <$d>) {
    chomp $line;
    next unless $line =~ /\S/;
    my ($name, $value) = split /\s+/, $line, 2;
    $name =~ s/\.$//;
    $records{lc $name} = $value;
}
close $d;
{
    no warnings 'redefine';
    *Mail::DKIM::DNS::query = sub {
        my ($name, $type) = @_;
        (my $n = lc $name) =~ s/\.$//;
        if (defined $records{$n} && uc $type eq 'TXT') {
            $@ = 'NOERROR';
            my @strings = unpack '(a255)*', $records{$n};
            return (Net::DNS::RR->new(name => $n, type => 'TXT', ttl => 300, txtdata => [@strings]));
        }
        $@ = 'NXDOMAIN';
        return;
    };
}
open my $fh, '<', $message_file or die "$message_file: $!";
binmode $fh;
my $dkim = Mail::DKIM::Verifier->new();
while (my $line = <$fh>) {
    $line =~ s/\r?\n\z/\015\012/;
    $dkim->PRINT($line);
}
close $fh;
$dkim->CLOSE;
print "Mail::DKIM: ", $dkim->result, " (", ($dkim->result_detail // ''), ")\n";
exit($dkim->result eq 'pass' ? 0 : 1);
