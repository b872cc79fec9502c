package org.labbook.kernel.protocol;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Whether a connection file's address is reachable only from this machine. */
final class Loopback {
    private Loopback() {
    }

    static boolean isLoopback(ConnectionInfo info) {
        if (info.transport().equals("ipc")) {
            return true;
        }
        String ip = info.ip().strip();
        if (ip.isEmpty() || ip.equals("*")) {
            return false;
        }
        try {
            return InetAddress.getByName(ip).isLoopbackAddress();
        } catch (UnknownHostException e) {
            // A name that does not resolve binds nowhere anyway; warn rather than guess.
            return false;
        }
    }
}
