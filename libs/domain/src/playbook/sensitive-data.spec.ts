import { describe, expect, it } from 'vitest';
import { detectSensitiveDataRequests, sensitiveDataKindsToNotify, type SensitiveDataKind } from './sensitive-data.js';

const none: SensitiveDataKind[] = [];

/** Phrasings as agents write them in replies, requests and mere mentions side by side. */
const PHRASINGS: readonly (readonly [string, SensitiveDataKind[]])[] = [
  // requests
  ['Poderia nos enviar a senha do certificado digital?', ['digital-certificate']],
  // "a respectiva senha" is read as a password too: both notices go, which says more, never less.
  ['Por gentileza, envie o certificado digital A1 (.pfx) e a respectiva senha.', ['password', 'digital-certificate']],
  ['Pedimos que nos envie o arquivo .pfx e a senha do certificado.', ['digital-certificate']],
  ['Para prosseguir, precisamos do seu usuário e senha do portal.', ['access-data']],
  ['Favor informar os dados de acesso ao Domínio WEB.', ['access-data']],
  ['Informe, por favor, o login e a senha utilizados na prefeitura.', ['access-data']],
  ['Qual é o seu login no sistema?', ['access-data']],
  ['Quais são as credenciais de acesso ao servidor?', ['access-data']],
  ['Poderia me passar a senha do banco de dados?', ['password']],
  ['Me passe a SENHA do administrador, por favor.', ['password']],
  ['Nos informe o token gerado no aplicativo do banco.', ['token']],
  ['Você consegue disponibilizar o token de acesso da API?', ['token']],
  ['Solicitamos o envio do certificado A3 e da senha do certificado para reinstalação.', ['digital-certificate']],
  ['Encaminhe o e-CNPJ da empresa para reinstalarmos no servidor.', ['digital-certificate']],
  ['Poderia compartilhar conosco os dados de acesso e o certificado digital?', ['access-data', 'digital-certificate']],
  ['Nao esqueca de enviar a senha do certificado', ['digital-certificate']],
  ['Caso não consiga acessar, envie o login e a senha para verificarmos.', ['access-data']],
  ['POR FAVOR ENVIE A SENHA DO SEFAZ', ['password']],
  ['Precisamos da senha do e-mail configurado no envio das notas.', ['password']],
  ['Aguardamos o envio dos dados de acesso para darmos continuidade.', ['access-data']],
  ['Qual a senha do usuário ADMIN?', ['password']],
  ['Não precisamos do certificado, mas envie o login do portal.', ['access-data']],
  ['Para o acesso remoto, envie o ID e a senha do AnyDesk.', ['password']],
  // mentions, not requests
  ['Sua senha foi redefinida com sucesso.', none],
  ['Não precisamos da sua senha.', none],
  ['O certificado digital vence em março.', none],
  ['Por segurança, nunca solicitamos sua senha por e-mail.', none],
  ['Não compartilhe sua senha com ninguém.', none],
  ['Seu login foi bloqueado após três tentativas, aguarde 15 minutos.', none],
  ['O token expirou; gere um novo no aplicativo.', none],
  ['Vamos enviar a nova senha para o seu e-mail cadastrado.', none],
  ['Acesse a tela de login e clique em "Esqueci minha senha".', none],
  ['O certificado A3 precisa estar conectado ao computador durante a emissão.', none],
  ['Não é necessário enviar o certificado digital, já temos a cópia instalada.', none],
  ['Qual a data de vencimento do seu certificado digital?', none],
  ['A senha do certificado foi enviada pelo cliente ontem.', none],
  ['Reinstalamos o certificado digital nos servidores do Domínio WEB.', none],
  ['Obrigado pelo envio dos dados de acesso.', none],
  ['Poderia reiniciar o computador e tentar novamente?', none],
  ['Digite sua senha no campo indicado e clique em Entrar.', none],
  ['Por favor, nos envie um print da tela de login.', none],
  ['Você recebeu o token por SMS?', none],
  ['Acesse o sistema com seu usuário e senha e gere o relatório.', none],
];

describe('sensitive-data detection', () => {
  it.each(PHRASINGS)('%s → %j', (text, kinds) => {
    expect(detectSensitiveDataRequests(text)).toEqual(kinds);
  });

  it('reads accents, case and line breaks of a whole reply', () => {
    const reply =
      'Bom dia, Maria!\n\nVerificamos o problema na emissão.\nPoderia nos informar o USUÁRIO E SENHA do portal da prefeitura?\n\nAtenciosamente';
    expect(detectSensitiveDataRequests(reply)).toEqual(['access-data']);
  });

  it("adds the agent's explicit mark to what is detected", () => {
    expect(sensitiveDataKindsToNotify('Segue em anexo o passo a passo.', ['token'])).toEqual(['token']);
    expect(sensitiveDataKindsToNotify('Envie a senha do certificado.', ['access-data'])).toEqual([
      'access-data',
      'digital-certificate',
    ]);
  });
});
