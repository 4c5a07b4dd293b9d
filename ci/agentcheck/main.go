// agentcheck runs inside a build step with RUN --mount=type=ssh: it lists the keys the forwarded
// agent offers and has the first one sign a message, verifying the signature, so a test can see
// that SSH forwarding works end to end without an ssh client in the build image.
package main

import (
	"fmt"
	"net"
	"os"

	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/agent"
)

func main() {
	conn, err := net.Dial("unix", os.Getenv("SSH_AUTH_SOCK"))
	if err != nil {
		fmt.Println("agentcheck: cannot reach the agent:", err)
		os.Exit(1)
	}
	defer conn.Close()
	client := agent.NewClient(conn)
	keys, err := client.List()
	if err != nil || len(keys) == 0 {
		fmt.Println("agentcheck: no keys:", err)
		os.Exit(1)
	}
	for _, k := range keys {
		fmt.Printf("agentcheck: key %s %s\n", ssh.FingerprintSHA256(k), k.Comment)
	}
	data := []byte("signed inside the build")
	sig, err := client.Sign(keys[0], data)
	if err != nil {
		fmt.Println("agentcheck: sign failed:", err)
		os.Exit(1)
	}
	pub, err := ssh.ParsePublicKey(keys[0].Marshal())
	if err != nil || pub.Verify(data, sig) != nil {
		fmt.Println("agentcheck: signature does not verify")
		os.Exit(1)
	}
	fmt.Println("agentcheck: signature verified")
}
