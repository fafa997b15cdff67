"""A local, stateful Alibaba Cloud API server (CBN, VPC, VpcPeer, STS) for the official Python SDKs."""

__version__ = "0.1.0"
