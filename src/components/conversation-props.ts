import { TypedComponentOptions } from './typed-component';
import { MetadataValue } from '../core/metadata-value';

/**
 * Props of OpenAI or Azure OpenAI (`conversation.openai`).
 */
export interface OpenAiConversationProps extends TypedComponentOptions {
  /**
   * API key.
   * Sensitive: pass `MetadataValue.fromSecret()`.
   */
  readonly key: MetadataValue;
  /**
   * Model to use.
   * @default - not set (Dapr's default: gpt-5-nano)
   */
  readonly model?: string;
  /**
   * Endpoint of an OpenAI-compatible API or of Azure OpenAI.
   * @default - not set
   */
  readonly endpoint?: string;
  /**
   * API flavour: "open_ai" or "azure".
   * @default - not set (Dapr's default: open_ai)
   */
  readonly apiType?: string;
  /**
   * API version, for Azure OpenAI.
   * @default - not set
   */
  readonly apiVersion?: string;
  /**
   * How long prompt responses are cached.
   * @default - not set
   */
  readonly cacheTTL?: string;
}

/**
 * Props of Anthropic (`conversation.anthropic`).
 */
export interface AnthropicConversationProps extends TypedComponentOptions {
  /**
   * API key.
   * Sensitive: pass `MetadataValue.fromSecret()`.
   */
  readonly key: MetadataValue;
  /**
   * Model to use.
   * @default - not set (Dapr's default: claude-sonnet-4-20250514)
   */
  readonly model?: string;
  /**
   * Custom service endpoint, e.g. for a local emulator.
   * @default - not set
   */
  readonly endpoint?: string;
  /**
   * API flavour: "anthropic" or "foundry".
   * @default - not set (Dapr's default: anthropic)
   */
  readonly apiType?: string;
  /**
   * How long prompt responses are cached.
   * @default - not set
   */
  readonly cacheTTL?: string;
}

/**
 * Props of A self-hosted Ollama server (`conversation.ollama`).
 */
export interface OllamaConversationProps extends TypedComponentOptions {
  /**
   * Custom service endpoint, e.g. for a local emulator.
   * @default - not set (Dapr's default: http://localhost:11434/v1)
   */
  readonly endpoint?: string;
  /**
   * Model to use.
   * @default - not set (Dapr's default: llama3.2:latest)
   */
  readonly model?: string;
  /**
   * How long prompt responses are cached.
   * @default - not set
   */
  readonly cacheTTL?: string;
}
