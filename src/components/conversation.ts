import { Construct } from 'constructs';
import { checkCategory, Component, ComponentProps } from './component';
import { AnthropicConversationProps, OllamaConversationProps, OpenAiConversationProps } from './conversation-props';
import { createTyped } from './typed-component';

/**
 * An LLM provider (`conversation.*`) for the conversation API.
 *
 * The static factories take typed props; the constructor takes any type of the category with raw metadata.
 */
export class Conversation extends Component {
  /** OpenAI, or Azure OpenAI with `apiType: "azure"`. */
  public static openAi(scope: Construct, id: string, props: OpenAiConversationProps): Conversation {
    return createTyped(Conversation, scope, id, 'conversation.openai', 'v1', props);
  }

  /** Anthropic. */
  public static anthropic(scope: Construct, id: string, props: AnthropicConversationProps): Conversation {
    return createTyped(Conversation, scope, id, 'conversation.anthropic', 'v1', props);
  }

  /** A self-hosted Ollama server. */
  public static ollama(scope: Construct, id: string, props: OllamaConversationProps = {}): Conversation {
    return createTyped(Conversation, scope, id, 'conversation.ollama', 'v1', props);
  }

  constructor(scope: Construct, id: string, props: ComponentProps) {
    super(scope, id, props);
    checkCategory(this, this.type, 'conversation');
  }
}
