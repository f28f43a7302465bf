import { h3, ol, p, ul, type HelpContent } from './content.ts';

/** Portal Help in Japanese (the same structure as content.en.ts). */
export const helpJa: HelpContent = {
  intro:
    '本ガイドでは、カスタマーサポートポータル Caseway の利用方法として、利用者登録、ログイン、サポートケースの作成と管理、アンケートへの回答、ナレッジベースの検索について説明します。太字で示した項目名は、画面に表示される名称です。',
  sections: [
    {
      id: 'getting-started',
      title: 'はじめに',
      blocks: [
        p('各ページ上部のメニューから、ポータルの各機能に移動できます。ログイン前のメニューは次のとおりです。'),
        ul(
          '[[nav.login]]：メールアドレスとパスワードでポータルにログインします。',
          '[[nav.register]]：ポータルのアカウントを申請します(初回のみ)。',
          '[[nav.contactUs]]：サポートチームへの連絡方法です。',
          '[[nav.knowledgeBase]]：製品に関する記事や、既知の問題の解決方法を検索します。',
          '[[nav.portalHelp]]：本ガイドです。',
        ),
        p('ログイン後は、[[nav.myCases]](お客様のサポートケース)、[[nav.createCase]](新しいケースの起票)、[[nav.surveys]](クローズしたケースについての満足度アンケート)もメニューに表示されます。右上のお名前のボタンから開くメニューには、[[nav.logout]] と、登録申請を確認する方には [[nav.registrationRequests]] があります。画面の幅が狭い場合は、三本線のボタンからメニューを開きます。'),
        p('ヘッダーの [[layout.language]] で、ポータルの表示を日本語と英語で切り替えられます。選択した言語はこのブラウザーに記憶されます。'),
      ],
    },
    {
      id: 'registration',
      title: '利用者登録(初回のみ)',
      blocks: [
        p('利用者登録は初回のみ必要です。登録には、申請者ご本人による申請と、所属組織の登録承認者による承認の両方が必要です。'),
        p('開始前に、組織の **Customer Identifier** をご用意ください。`ABCDE-23456` のような10文字の ID で、ハイフンの有無や大文字・小文字は問いません。ご不明な場合はアカウント管理者にお尋ねください。ログインの2段階目に認証アプリを使う場合は、あらかじめスマートフォンに認証アプリ(Google Authenticator、Microsoft Authenticator など)をインストールしてください。'),
        ol(
          'メニューの [[nav.register]] をクリックします。[[registration.choice.title]] のページが表示されます。',
          '[[registration.choice.withIdentifier]] を選択します。',
          '[[registration.form.customerIdentifier]]、[[registration.form.firstName]]、[[registration.form.lastName]]、[[registration.form.email]]、[[registration.form.timeZone]](都市名の一部、たとえば Tokyo と入力して選択)、[[registration.form.countryCode]](例: 日本 +81)、[[registration.form.phone]]、[[registration.form.mobile]](任意)、[[registration.form.preferredContact]]、[[registration.form.language]] を入力または選択します。選択した言語は、ポータルの表示とお客様が受け取るメールに使われます。',
          '[[registration.form.otpMethod]] で、ログインのたびに入力するワンタイムコードの受け取り方法として、[[registration.otpMethods.app]](スマートフォンのアプリに表示されるコード)または [[registration.otpMethods.email]](業務用メールアドレス宛に届くコード)を選択します。',
          '[[common.submit]] をクリックします。登録申請(`REG` で始まる番号)が組織の登録承認者に送信されたことが表示されます。',
          '登録承認者が申請を承認すると、仮パスワードを記載したメール(件名: `Customer Registration Processed`)が届きます。「ログインと2要素認証」の手順に沿ってログインしてください。申請が却下された場合も、メールでお知らせします。',
        ),
        p('Customer Identifier がお手元にない場合や、組織内に登録承認者がまだいない場合は、登録ページで [[registration.choice.help]] を選択してください([登録についてサポートを受ける](/register/help))。お名前、業務用メールアドレス、会社名、ご用件を送信いただくと、サポートチームからメールでご連絡します。このフォームではアカウントは作成されません。'),
      ],
    },
    {
      id: 'approvers',
      title: '登録申請の承認(登録承認者の作業)',
      blocks: [
        p('登録承認者とアカウント管理者は、所属組織の登録申請を承認または却下します。新しい申請があると、各登録承認者に件名 `Registration request for {組織名} requires your review` のメールが届きます。メールには申請者の氏名、メールアドレス、タイムゾーン、電話番号、希望する連絡方法と、申請ページへのリンクが記載されています。'),
        ol(
          'メールのリンクを開きます(ログインを求められた場合はログインします)。[[registration.request.title]] のページに、申請の状態と申請者の情報が表示されます。',
          '申請者に心当たりがあり、内容が正しい場合は [[registration.request.approve]] をクリックします。申請者に仮パスワードがメールで送信されます。',
          'そうでない場合は [[registration.request.reject]] をクリックし、確認画面で確定します。申請が却下されたことが申請者にメールで通知されます。',
        ),
        p('申請の処理は一度だけです。いずれかの登録承認者が承認または却下すると、その結果は変更できません。ほかの登録承認者には、誰がいつ処理したかが表示されます。組織のすべての申請とその状態は、お名前のメニューの [[nav.registrationRequests]] で確認できます。'),
      ],
    },
    {
      id: 'login',
      title: 'ログインと2要素認証',
      blocks: [
        p('[[nav.login]] をクリックし、[[login.email]] と [[login.password]] を入力して [[common.submit]] をクリックします。続いて、登録時に選択した方法で2段階目の認証を行います。'),
        h3('メールで認証する場合'),
        p('「[[login.emailCodeRequired]]」と表示され、6桁のコードがメールで届きます(件名: `One-time passcode for {お名前}`)。[[login.oneTimePasscode]] にコードを入力し、[[common.submit]] をクリックします。コードの有効期間は10分で、使用できるのは一度だけです。5回間違えるとそのコードは使えなくなります。[[login.sendNewCode]] をクリックすると、新しいコードが届きます。'),
        h3('認証アプリで認証する場合'),
        p('初回ログイン時には [[pair.title]] のページが表示されます。'),
        ol(
          'スマートフォンの認証アプリを開き、ページの QR コードを読み取ってアカウントを追加します。読み取れない場合は、QR コードの下に表示されたキーをアプリに入力します。アプリに Caseway の項目が追加されます。',
          'アプリに表示された6桁のコードを「[[pair.step3]]」の欄に入力し、[[pair.submit]] をクリックします。コードは30秒ごとに切り替わるため、切り替わる前に入力してください。',
        ),
        p('2回目以降のログインでは [[verify.title]] のページが表示されます。アプリに表示されている Caseway のコードを [[verify.code]] に入力します。'),
        h3('初回ログイン'),
        p('仮パスワードでログインすると、[[changePassword.title]] のページが表示されます。[[changePassword.current]] に仮パスワードを、[[changePassword.new]] と [[changePassword.confirm]] にご自身で決めたパスワードを入力します。パスワードは12文字以上で、よく使われるパスワードは使用できません。それ以外の制限はないため、複数の単語をつなげたフレーズがおすすめです。初回ログインの最後に利用規約が表示されます。[[terms.accept]] をクリックすると、ポータルをご利用いただけます。'),
        h3('ログアウトとロック'),
        p('ログアウトするには、右上のお名前をクリックし、[[nav.logout]] をクリックします。ログインに続けて失敗すると、しばらくの間ログインがロックされます。数分待ってから再度お試しいただくか、パスワードをリセットしてください。'),
      ],
    },
    {
      id: 'forgot-password',
      title: 'パスワードを忘れた場合',
      blocks: [
        ol(
          'ログインページの [[login.forgot]] をクリックします。',
          'ポータルに登録したメールアドレスを入力し、[[common.submit]] をクリックします。登録の有無が第三者に分からないよう、常に「[[forgot.sent]]」と表示されます。',
          'アドレスが登録されている場合は、仮パスワードを記載したメール(件名: `Customer Reset Password`)が届きます。仮パスワードの有効期間は60分です。仮パスワードを使用するまでは、これまでのパスワードも引き続き使用できます。',
          '仮パスワードでログインすると [[changePassword.title]] のページが表示されます。初回ログインと同じ方法で新しいパスワードを設定してください。',
        ),
      ],
    },
    {
      id: 'cases',
      title: 'サポートケース',
      blocks: [
        h3('ケースの作成'),
        ol(
          'メニューの [[nav.createCase]] をクリックします。',
          '[[cases.create.type]] で、製品に関するご質問は [[cases.types.product_issue]] を、本ポータル(ポータルのアカウントや権限など)に関するご質問は [[cases.types.portal_issue]] を選択します。',
          '[[cases.create.product]] に製品名の一部(例: Sentinel)を入力し、一覧から製品を選択します。本ポータルに関するお問い合わせでは、製品の選択は不要です。',
          '[[cases.create.priority]] を [[cases.priorities.critical]]、[[cases.priorities.high]]、[[cases.priorities.moderate]]、[[cases.priorities.low]] から選択します。通常は [[cases.priorities.moderate]] をお選びください。[[cases.priorities.critical]] は本番環境が停止している場合に限ります。',
          '分かりやすい [[cases.create.subject]] を入力します。入力中に、ご質問の答えになりそうなナレッジ記事が提案されます。',
          '[[cases.create.description]] に、製品のバージョンを含め、できるだけ詳しくご記入ください。',
          'スクリーンショットやログファイルがある場合は、[[cases.create.attachments]] から添付します。1ファイルあたりの上限は、ベンダーが別の値を設定していない限り 25 MB です。',
          '[[common.submit]] をクリックします。「`CS0000123` を作成しました」のように、ケースへのリンクとともに表示されます(CS で始まる番号がケース番号です)。',
        ),
        p('作成したケースはすぐに [[nav.myCases]] に表示され、件名 `Case CS0000123 opened - {件名}` のメールが届きます。'),
        h3('マイケース'),
        p('[[cases.list.title]] には、お客様のケースが更新日時の新しい順に、[[cases.columns.number]]、[[cases.columns.product]]、[[cases.columns.subject]]、[[cases.columns.priority]]、[[cases.columns.state]]、[[cases.columns.account]]、[[cases.columns.updated]] の列で表示されます。状態やキーワードで絞り込んだり、並べ替えたりできます。アカウント管理者は、[[cases.list.mine]] と [[cases.list.account]] を切り替えられます。ケース番号をクリックすると、ケースが開きます。'),
        h3('ケースのページ'),
        ul(
          '[[cases.details.title]] には、アカウント、担当窓口、製品、優先度、状態、日時が表示されます。日時はお客様のタイムゾーンで表示されます。',
          '[[cases.activity.title]] には、コメント、状態の変化、添付ファイルが時系列で表示されます。',
          '情報を追加するには、[[cases.comment.label]] に入力して [[cases.comment.send]] をクリックします。サポートチームに通知されます。',
          '[[attachments.title]] では、ファイルをドロップするか選択して、サポートチームと共有できます。',
        ),
        h3('ケースの状態'),
        ul(
          '[[cases.states.new]]：ケースが送信され、サポートチームの対応開始を待っている状態です。',
          '[[cases.states.work_in_progress]]：サポートエンジニアが対応している状態です。情報の依頼に回答したときや、解決策を却下したときも、この状態に戻ります。',
          '[[cases.states.awaiting_info]]：サポートチームがお客様からの情報を待っている状態です。コメントでご回答ください。',
          '[[cases.states.resolved]]：サポートチームが解決策を提案し、お客様の回答を待っている状態です。',
          '[[cases.states.closed]]：ケースが完了した状態です。お客様が解決策を承認したかケースをクローズした場合、サポートチームがクローズした場合、または解決済みのケースに回答がなかった場合にこの状態になります。',
          '[[cases.states.cancelled]]：誤って作成されたケースを、サポートチームが取り消した状態です。',
        ),
        h3('解決策への回答とケースのクローズ'),
        p('ケースが [[cases.states.resolved]] になると、ケースのページに「[[cases.answer.title]]」の枠が表示されます。解決策で問題が解決した場合は [[cases.answer.accept]] をクリックしてください。ケースがクローズされます。解決しない場合は [[cases.answer.reject]] をクリックし、理由をコメントに記入してください(コメントは必須です)。ケースは [[cases.states.work_in_progress]] に戻ります。回答がない場合、ケースは10日後に自動的にクローズされます。その半分の期間が過ぎた時点で、リマインダーのメールをお送りします。'),
        p('問題が解消した場合など、お客様ご自身で [[cases.close.button]] からいつでもケースをクローズすることもできます。コメントは任意です。'),
        p('クローズ済みおよびキャンセルされたケースは再オープンできず、コメントも追加できません。問題が再発した場合は、クローズしたケースを開いて [[cases.final.followUp]] をクリックしてください。元のケースの内容を引き継ぎ、元のケースと関連付けられた新しいケースを作成できます。'),
        h3('ケースに関するメール'),
        p('ケースの作成時(`Case CS0000123 opened - …`)、コメントの追加時(`Case CS0000123 comments added`)、解決時(`Case CS0000123 has been resolved`)、クローズ時(`Case CS0000123 has been closed`)にメールでお知らせします。各メールにはケースへのリンクが記載されています。これらのメールは送信専用のため、ご返信いただいても受け付けられません。ご返信の際はポータルにログインし、ケースにコメントを追加してください。'),
      ],
    },
    {
      id: 'surveys',
      title: 'アンケート',
      blocks: [
        p('ケースがクローズされると、サポートについてのアンケート(選択式の5問と任意のコメント)へのご協力をお願いしています。案内のメールが届き、アンケートはメニューの [[nav.surveys]] に表示されます。回答済みのアンケートもここで確認できます。今後のサポート向上のため、ご協力をお願いいたします。'),
      ],
    },
    {
      id: 'knowledge-base',
      title: 'ナレッジベース',
      blocks: [
        p('多くのご質問には、すでに回答が用意されています。ホームページの検索欄、またはメニューの [[nav.knowledgeBase]] から、製品名や問題に関するキーワードを入力して検索してください。日本語と英語の記事が検索され、一致度の高いものから表示されます。一部の記事はログイン後にのみ表示されます。'),
      ],
    },
    {
      id: 'faq',
      title: 'よくある質問(FAQ)',
      blocks: [
        h3('メールアドレスなどの登録情報は変更できますか?'),
        p('できます。メールアドレスの変更はベンダー側で行いますので、変更前と変更後のメールアドレスを明記してご連絡ください([お問い合わせ](/contact-us)をご覧いただくか、種類 [[cases.types.portal_issue]] のケースを作成してください)。タイムゾーン、各種電話番号、希望する連絡方法、言語、パスワード、2要素認証の方法は、**マイアカウント** からご自身で変更できます。'),
        h3('サポートは日本語と英語のどちらにも対応していますか?'),
        p('対応しています。回答を希望する言語でご記入ください。英語での回答を希望される場合は、[[cases.create.subject]] と [[cases.create.description]] に日本語を含めず、英語のみでご記入ください。'),
        h3('アカウント管理者になるにはどうすればよいですか?'),
        p('種類 [[cases.types.portal_issue]] のケースを作成し、組織内でアカウント管理者または登録承認者にする方をお知らせください。'),
        h3('アカウント管理者は何ができますか?'),
        p('アカウント管理者は、組織の登録申請の承認・却下、アカウントに所属するコンタクト(利用者)の一覧表示・無効化・再有効化、登録承認者およびアカウント管理者の権限の付与・取り消し、アカウントで作成されたすべてのケースの閲覧とコメントができます。'),
      ],
    },
  ],
};
