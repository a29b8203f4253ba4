"""xAI (Grok) through its OpenAI-compatible API: the OpenAI adapter under another name and base URL."""

from __future__ import annotations

from typing import Any, Optional, Union

from pydantic import SecretStr

from providers.openai_adapter import OpenAIProvider

XAI_BASE_URL = "https://api.x.ai/v1"


class XAIProvider(OpenAIProvider):
    def __init__(
        self,
        name: str = "xai",
        api_key: Union[str, SecretStr, None] = None,
        base_url: Optional[str] = XAI_BASE_URL,
        http_client: Any = None,
        simulated: bool = False,
        max_tokens: Optional[int] = None,
    ) -> None:
        super().__init__(name, api_key, base_url or XAI_BASE_URL, http_client, simulated, max_tokens)
