/** Static facts about the site, shared by metadata, header, footer and the landing page. */
export const site = {
  name: "Kubeyard",
  tagline: "Learn Kubernetes PKI on a cluster of your own",
  description:
    "Kubeyard is an open-source, self-hostable Kubernetes training platform: lessons, quizzes and a browser terminal attached to your own simulated kubeadm cluster.",
  license: "Apache-2.0",
} as const;
